using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Caching;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Infrastructure.Templates;

/// <summary>
/// Liquid templates with Fluid: sandboxed (templates reach only the members of the model types registered here,
/// never .NET itself), HTML-encoded output in the HTML body, plain output in subject and text body. A rendering is
/// bounded (<see cref="NotificationLimitsOptions"/>): Liquid steps and nesting, characters written, and the caller's
/// time (the cancellation token, checked as the template writes); breaking a bound throws
/// <see cref="TemplateLimitExceededException"/>.
/// </summary>
public sealed partial class FluidTemplateRenderer : ITemplateRenderer
{
    /// <summary>Parsed templates kept: every saved or tried version would otherwise stay for the life of the process.</summary>
    private const int MaxCachedTemplates = 500;
    private const long MaxCachedCharacters = 8 * 1024 * 1024;
    private static readonly FluidParser Parser = new();
    private readonly BoundedCache<IFluidTemplate> _parsed = new(MaxCachedTemplates, MaxCachedCharacters);
    private readonly TemplateOptions _options;
    private readonly int _maxCharacters;

    public FluidTemplateRenderer(IOptions<NotificationLimitsOptions> limits)
    {
        var value = limits.Value;
        _options = CreateOptions(value);
        _maxCharacters = value.MaxRenderedCharacters;
    }

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

    public Task<RenderedEmail> RenderAsync(EmailTemplate email, TemplateModel model, CancellationToken cancellationToken) =>
        RenderModelAsync(email, model, cancellationToken);

    public Task<RenderedEmail> RenderDigestAsync(EmailTemplate email, DigestModel model, CancellationToken cancellationToken) =>
        RenderModelAsync(email, model, cancellationToken);

    private async Task<RenderedEmail> RenderModelAsync(EmailTemplate email, object model, CancellationToken cancellationToken)
    {
        // One context for the three parts, as before: what the subject assigns the bodies see, and the steps add up.
        var context = new TemplateContext(model, _options);
        var subject = await RenderPartAsync("subject", email.Subject, context, NullEncoder.Default, cancellationToken);
        var html = await RenderPartAsync("HTML body", email.HtmlBody, context, HtmlEncoder.Default, cancellationToken);
        var text = await RenderPartAsync("text body", email.TextBody, context, NullEncoder.Default, cancellationToken);
        return new RenderedEmail(subject.ReplaceLineEndings(" ").Trim(), html, text);
    }

    private async Task<string> RenderPartAsync(string part, string source, TemplateContext context, TextEncoder encoder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var template = Parsed(source);
        using var output = new BoundedTextWriter(_maxCharacters, cancellationToken);
        try
        {
            await template.RenderAsync(output, encoder, context);
        }
        catch (TemplateLimitExceededException limit)
        {
            throw new TemplateLimitExceededException($"the {part}: {limit.Message}", limit);
        }
        catch (InvalidOperationException fluid) when (fluid.Message.StartsWith("The maximum", StringComparison.Ordinal))
        {
            throw new TemplateLimitExceededException(
                $"the {part}: it took more than {_options.MaxSteps} steps or nested deeper than {_options.MaxRecursion} levels", fluid);
        }

        return output.ToString();
    }

    private IFluidTemplate Parsed(string source) => _parsed.GetOrAdd(source, text =>
        Parser.TryParse(text, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The template does not parse: {error}"));

    private static TemplateOptions CreateOptions(NotificationLimitsOptions limits)
    {
        var options = new TemplateOptions
        {
            MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.CamelCase },
            MaxSteps = limits.TemplateMaxSteps,
            MaxRecursion = limits.TemplateMaxRecursion,
        };
        options.MemberAccessStrategy.Register<TemplateModel>();
        options.MemberAccessStrategy.Register<DigestModel>();
        options.MemberAccessStrategy.Register<TemplateState>();
        options.MemberAccessStrategy.Register<TemplatePerson>();
        options.MemberAccessStrategy.Register<TemplateRecipient>();
        options.MemberAccessStrategy.Register<TemplateConfiguration>();
        return options;
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();
}
