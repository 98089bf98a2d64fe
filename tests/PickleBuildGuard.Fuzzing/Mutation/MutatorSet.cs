using System;
using System.Collections.Generic;
using System.Linq;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>The mutators of a campaign and how often each is drawn.</summary>
public sealed class MutatorSet
{
    private readonly (IMutator Mutator, int Weight)[] entries;
    private readonly int totalWeight;

    public MutatorSet(IEnumerable<(IMutator Mutator, int Weight)> entries)
    {
        this.entries = entries.ToArray();
        totalWeight = this.entries.Sum(e => e.Weight);
        if (totalWeight <= 0)
        {
            throw new ArgumentException("no mutator with a positive weight");
        }
    }

    /// <summary>
    /// Every mutator. Generated hostile inputs are large (up to millions of opcodes) and each case is deterministic,
    /// so they are drawn less often than mutations of fixtures.
    /// </summary>
    public static MutatorSet Default() => new(new (IMutator, int)[]
    {
        (new ByteFlipMutator(), 20),
        (new TruncationMutator(), 15),
        (new SpliceMutator(), 12),
        (new LengthInflationMutator(), 15),
        (new HeaderCorruptionMutator(), 12),
        (new PrefixPreservingMutator(), 10),
        (new OpcodeInsertionMutator(), 15),
        (new HostileInputMutator(), 1),
    });

    public IEnumerable<IMutator> Mutators => entries.Select(e => e.Mutator);

    /// <summary>Only the named mutators, with their default weights.</summary>
    public MutatorSet Only(IReadOnlyCollection<string> names)
    {
        var unknown = names.Where(n => entries.All(e => e.Mutator.Name != n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"unknown mutator(s): {string.Join(", ", unknown)}; known: {string.Join(", ", entries.Select(e => e.Mutator.Name))}");
        }

        return new MutatorSet(entries.Where(e => names.Contains(e.Mutator.Name)));
    }

    public IMutator Draw(FuzzRandom random)
    {
        long pick = random.Below(totalWeight);
        foreach (var (mutator, weight) in entries)
        {
            if (pick < weight)
            {
                return mutator;
            }

            pick -= weight;
        }

        return entries[^1].Mutator;
    }
}
