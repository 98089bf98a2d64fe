using System;

namespace PickleBuildGuard.Policy;

/// <summary>A policy file or option that cannot be used; the message says where and why.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string message)
        : base(message)
    {
    }

    public PolicyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
