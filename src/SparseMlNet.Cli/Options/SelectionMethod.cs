namespace SparseMlNet.Cli.Options;

/// <summary>The feature-selection method of <c>sparsemlnet select --method</c>.</summary>
internal enum SelectionMethod
{
    /// <summary>QuickSelection (unsupervised; Atashgahi et al., Machine Learning 2022).</summary>
    QuickSelection,

    /// <summary>NeuroFS (supervised; Atashgahi et al., TMLR 2023).</summary>
    NeuroFS,
}
