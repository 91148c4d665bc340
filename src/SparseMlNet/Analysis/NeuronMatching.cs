namespace SparseMlNet.Analysis;

/// <summary>How <see cref="Nnstd"/> pairs the neurons of one network with those of the other.</summary>
public enum NeuronMatching
{
    /// <summary>
    /// Minimum-cost perfect matching (the linear assignment problem, solved by the Hungarian method with potentials), as in Liu et al. 2020.
    /// O(n²) memory and O(n³) time per layer of n neurons: about a second for n = 1000.
    /// </summary>
    Optimal,

    /// <summary>
    /// Greedy matching: pairs sharing inputs are taken cheapest first, then neurons without inputs are paired together, then the rest in index order.
    /// Memory and time grow with the number of overlapping pairs only, so it scales to layers where the optimal matching is too slow;
    /// its distance is never below the optimal one.
    /// </summary>
    Greedy,
}
