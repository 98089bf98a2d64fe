namespace PickleBuildGuard.Knowledge;

/// <summary>What the callable knowledge says about one global.</summary>
internal enum KnowledgeDisposition
{
    /// <summary>On the denylist (built-in or the policy's block list).</summary>
    Denied,
    /// <summary>On the allowlist (built-in or the policy's allow list).</summary>
    Allowed,
    /// <summary>From the standard library or a known ML library, but not on the allowlist: default deny when invoked.</summary>
    UnlistedKnownNamespace,
    /// <summary>From a module the scanner knows nothing about (third-party or application code).</summary>
    UnknownThirdParty,
}
