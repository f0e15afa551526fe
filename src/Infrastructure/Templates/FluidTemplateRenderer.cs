using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Caching;

namespace Switchboard.Infrastructure.Templates;

/// <summary>
/// Liquid templates with Fluid: sandboxed (templates reach only the members of the model types registered here,
/// never .NET itself), HTML-encoded output in the HTML body, plain output in subject and text body.
/// </summary>
public sealed partial class FluidTemplateRenderer : ITemplateRenderer
{
    /// <summary>Parsed templates kept: every saved or tried version would otherwise stay for the life of the process.</summary>
    private const int MaxCachedTemplates = 500;
    private const long MaxCachedCharacters = 8 * 1024 * 1024;
    private static readonly FluidParser Parser = new();
    private readonly BoundedCache<IFluidTemplate> _parsed = new(MaxCachedTemplates, MaxCachedCharacters);
    private readonly TemplateOptions _options = CreateOptions();

    public TemplateCheck Check(string source)
    {
        if (Parser.TryParse(source, out _, out var error))
        {
            return TemplateCheck.Ok;
        }

        var where = Position().Match(error);
        return where.Success
            ? new TemplateCheck(false, error, int.Parse(where.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(where.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            : new TemplateCheck(false, error);
    }

    public async Task<RenderedEmail> RenderAsync(EmailTemplate email, TemplateModel model, CancellationToken cancellationToken)
    {
        var context = new TemplateContext(model, _options);
        var subject = await Parsed(email.Subject).RenderAsync(context, NullEncoder.Default);
        var html = await Parsed(email.HtmlBody).RenderAsync(context, HtmlEncoder.Default);
        var text = await Parsed(email.TextBody).RenderAsync(context, NullEncoder.Default);
        return new RenderedEmail(subject.ReplaceLineEndings(" ").Trim(), html, text);
    }

    private IFluidTemplate Parsed(string source) => _parsed.GetOrAdd(source, text =>
        Parser.TryParse(text, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The template does not parse: {error}"));

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.CamelCase } };
        options.MemberAccessStrategy.Register<TemplateModel>();
        options.MemberAccessStrategy.Register<TemplateState>();
        options.MemberAccessStrategy.Register<TemplatePerson>();
        options.MemberAccessStrategy.Register<TemplateRecipient>();
        options.MemberAccessStrategy.Register<TemplateConfiguration>();
        return options;
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();
}
