namespace SparseMlNet.FeatureSelection;

/// <summary>Connectivity of QuickSelection's trained sparse autoencoder, features → hidden → features.</summary>
/// <param name="Features">Input (and output) neurons: the features the autoencoder was trained on (constant features dropped, if any).</param>
/// <param name="HiddenNeurons">Hidden neurons.</param>
/// <param name="EncoderConnections">Connections of the encoder (input → hidden), constant under SET.</param>
/// <param name="EncoderDensity">Encoder connections / (features · hidden), in (0, 1].</param>
/// <param name="DecoderConnections">Connections of the decoder (hidden → output).</param>
/// <param name="DecoderDensity">Decoder connections / (hidden · features), in (0, 1].</param>
/// <param name="ConnectedInputs">Input neurons with at least one encoder connection; the others have strength 0.</param>
/// <param name="MeanInputDegree">Mean number of encoder connections per input neuron.</param>
/// <param name="MaxInputDegree">Largest number of encoder connections of one input neuron.</param>
public sealed record AutoencoderTopology(
    int Features,
    int HiddenNeurons,
    long EncoderConnections,
    double EncoderDensity,
    long DecoderConnections,
    double DecoderDensity,
    int ConnectedInputs,
    double MeanInputDegree,
    int MaxInputDegree);
