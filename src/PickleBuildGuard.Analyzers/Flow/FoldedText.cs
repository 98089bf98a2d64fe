using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// The text a C# string expression is known to produce: constant parts as written, each part only known at run time
/// (an interpolation hole, a non-constant operand) as one placeholder character recorded in <see cref="Holes"/>.
/// </summary>
internal sealed class FoldedText
{
    /// <summary>Stands for a run-time part; an identifier character, so it never completes a Python keyword or <c>True</c>.</summary>
    public const char Placeholder = '_';

    public FoldedText(string text, ImmutableArray<FoldedHole> holes)
    {
        Text = text;
        Holes = holes;
    }

    public string Text { get; }

    public ImmutableArray<FoldedHole> Holes { get; }

    public bool HasConstantPart => Text.Length > Holes.Length;
}

/// <summary>A run-time part of a <see cref="FoldedText"/>: its placeholder offset and the C# expression.</summary>
internal sealed record FoldedHole(int Offset, IOperation Value);
