using System;

namespace InteropGuardSample;

/// <summary>
/// Build this project to see the analyzer: Unguarded.cs and python/scoring.py carry PBG2001, PBG2002, PBG2004, PBG2005
/// and PBG2006 warnings; Guarded.cs has none. Running it does nothing dangerous: the interop types are stubs.
/// </summary>
public static class Program
{
    public static int Main()
    {
        Console.WriteLine("Build output lists the PBG2nnn warnings; see Unguarded.cs and Guarded.cs.");
        return 0;
    }
}
