using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Switchboard.ComponentTests;

/// <summary>Finds form fields by their visible label, the way a person (and the browser tests) do.</summary>
public static class Labels
{
    public static IElement InputLabelled<T>(this IRenderedComponent<T> component, string label)
        where T : IComponent
    {
        var labelElement = component.FindAll("label").FirstOrDefault(l => l.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No label '{label}'.");
        return component.Find($"#{labelElement.GetAttribute("for")}");
    }
}
