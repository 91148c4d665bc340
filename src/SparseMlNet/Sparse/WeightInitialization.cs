namespace SparseMlNet.Sparse;

/// <summary>
/// Initial weight distribution. Both schemes use the neuron's <em>actual</em> sparse fan-in (its number of connections), not the dense n_in:
/// with the dense fan-in a sparse layer's output variance shrinks by the density at every layer (about 200-fold over three ε = 20 layers).
/// </summary>
public enum WeightInitialization
{
    /// <summary>He uniform (He et al., ICCV 2015): W ~ U(−√(6 / fan_in), +√(6 / fan_in)); for ReLU-family activations.</summary>
    HeUniform,

    /// <summary>Glorot uniform (Glorot and Bengio, AISTATS 2010): W ~ U(−√(6 / (fan_in + fan_out)), +√(6 / (fan_in + fan_out))), with the connection's actual degrees; for sigmoid, tanh and linear units.</summary>
    GlorotUniform,
}
