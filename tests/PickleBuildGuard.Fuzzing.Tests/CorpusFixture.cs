using PickleBuildGuard.Fuzzing.Corpus;
using Xunit;

namespace PickleBuildGuard.Fuzzing.Tests;

/// <summary>The fixture corpus, loaded (and every fixture scanned once) for all the fuzz tests together.</summary>
public sealed class CorpusFixture
{
    public CorpusFixture()
    {
        Corpus = SeedCorpus.Load(SeedCorpus.FindFixturesRoot(System.AppContext.BaseDirectory), new PickleScanner());
    }

    public SeedCorpus Corpus { get; }
}

[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusFixture>
{
    public const string Name = "fixture corpus";
}
