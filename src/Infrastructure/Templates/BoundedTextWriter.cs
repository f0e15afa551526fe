using System.Text;
using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Infrastructure.Templates;

/// <summary>
/// Collects a rendering and stops it, by throwing, as soon as it grows past a size or its time is up: a runaway
/// template is cut off while it writes instead of building a huge string first.
/// </summary>
internal sealed class BoundedTextWriter(int maxCharacters, CancellationToken cancellationToken) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value)
    {
        Reserve(1);
        _text.Append(value);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        _text.Append(buffer);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString() => _text.ToString();

    private void Reserve(int count)
    {
        cancellationToken.ThrowIfCancellationRequested();

        if (_text.Length + (long)count > maxCharacters)
        {
            throw new TemplateLimitExceededException($"it rendered more than {maxCharacters} characters");
        }
    }
}
