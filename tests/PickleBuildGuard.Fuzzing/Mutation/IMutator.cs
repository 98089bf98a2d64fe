using PickleBuildGuard.Fuzzing.Corpus;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>Makes one fuzzed input from the corpus; deterministic for a given random state.</summary>
public interface IMutator
{
    /// <summary>Short name used on the command line and in the campaign report.</summary>
    string Name { get; }

    /// <summary>A new input, or null when this mutator has nothing to do with what it drew (the campaign draws again).</summary>
    FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random);
}
