using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace PickleBuildGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Expected diagnostics written into the source: <c>{|PBG2001:text|}</c> for a diagnostic with that id on exactly
/// <c>text</c>, <c>[|text|]</c> for one with the test's default id. Markers do not nest.
/// </summary>
internal sealed class TestMarkup
{
    private TestMarkup(string text, IReadOnlyList<ExpectedSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    public string Text { get; }

    public IReadOnlyList<ExpectedSpan> Spans { get; }

    public static TestMarkup Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        int i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                int end = markup.IndexOf("|]", i + 2, StringComparison.Ordinal);
                Require(end, markup, i);
                AddSpan(markup, i + 2, end, null, text, spans);
                i = end + 2;
            }
            else if (Starts(markup, i, "{|"))
            {
                int colon = markup.IndexOf(':', i + 2);
                int end = markup.IndexOf("|}", i + 2, StringComparison.Ordinal);
                Require(colon, markup, i);
                Require(end, markup, i);
                AddSpan(markup, colon + 1, end, markup.Substring(i + 2, colon - i - 2), text, spans);
                i = end + 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        return new TestMarkup(text.ToString(), spans);
    }

    private static void AddSpan(string markup, int contentStart, int contentEnd, string? id, StringBuilder text, List<ExpectedSpan> spans)
    {
        string content = markup.Substring(contentStart, contentEnd - contentStart);
        if (content.Contains("[|", StringComparison.Ordinal) || content.Contains("{|", StringComparison.Ordinal))
        {
            throw new FormatException("Nested markup is not supported: " + content);
        }

        spans.Add(new ExpectedSpan(id, new TextSpan(text.Length, content.Length)));
        text.Append(content);
    }

    private static bool Starts(string text, int index, string marker) =>
        string.CompareOrdinal(text, index, marker, 0, marker.Length) == 0;

    private static void Require(int index, string markup, int start)
    {
        if (index < 0)
        {
            throw new FormatException("Unclosed markup at offset " + start + ": " + markup.Substring(start, Math.Min(40, markup.Length - start)));
        }
    }
}

internal readonly record struct ExpectedSpan(string? Id, TextSpan Span);
