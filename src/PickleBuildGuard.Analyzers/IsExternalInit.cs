namespace System.Runtime.CompilerServices;

// netstandard2.0 lacks it; records with init accessors need the type to exist.
internal static class IsExternalInit
{
}
