namespace PickleBuildGuard;

/// <summary>How safe a file is to load, ordered from best to worst.</summary>
public enum Verdict
{
    /// <summary>The whole input was read and analysed and nothing was found.</summary>
    Clean = 0,
    /// <summary>Something deserves review (for example an unknown third-party class) but nothing is known to be harmful.</summary>
    Suspicious = 1,
    /// <summary>The analysis could not complete; never safe to load (fail-closed).</summary>
    Unknown = 2,
    /// <summary>Loading would run code the scanner cannot vouch for.</summary>
    Dangerous = 3,
    /// <summary>Loading would run a known code-execution, process, file or network primitive.</summary>
    Critical = 4,
}
