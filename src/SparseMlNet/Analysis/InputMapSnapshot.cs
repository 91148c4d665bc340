namespace SparseMlNet.Analysis;

/// <summary>The input connectivity of one saved stage of a training run, for the map's evolution.</summary>
/// <param name="Label">Name of the stage, for example "epoch 10".</param>
/// <param name="Map">Input connectivity of the network at that stage.</param>
public sealed record InputMapSnapshot(string Label, InputConnectivity Map);
