namespace PickleBuildGuard.Analyzers.Python;

/// <summary>When a call of a pickle-loading callable really unpickles.</summary>
internal enum PickleCallableCondition
{
    /// <summary>Every call unpickles (<c>pickle.loads</c>, <c>joblib.load</c> …).</summary>
    Always,

    /// <summary>Unpickles unless the call passes <c>weights_only=True</c> (<c>torch.load</c>).</summary>
    UnlessWeightsOnlyTrue,

    /// <summary>Unpickles only when the call passes <c>allow_pickle=True</c> (<c>numpy.load</c>; False is the default since 1.16.3).</summary>
    OnlyWithAllowPickleTrue,
}
