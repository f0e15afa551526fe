namespace Switchboard.Domain.Notifications.Templates;

/// <summary>Checks and renders topic templates (Liquid). Templates are parsed once per distinct text.</summary>
public interface ITemplateRenderer
{
    TemplateCheck Check(string source);

    Task<RenderedEmail> RenderAsync(EmailTemplate email, TemplateModel model, CancellationToken cancellationToken);

    /// <summary>Renders a digest e-mail: the same limits, the <see cref="DigestModel"/> with every change as an item.</summary>
    Task<RenderedEmail> RenderDigestAsync(EmailTemplate email, DigestModel model, CancellationToken cancellationToken);
}
