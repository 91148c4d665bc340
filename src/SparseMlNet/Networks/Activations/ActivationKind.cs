namespace SparseMlNet.Networks.Activations;

/// <summary>Hidden-layer activation functions.</summary>
public enum ActivationKind
{
    /// <summary>ReLU: f(z) = max(0, z).</summary>
    Relu,

    /// <summary>
    /// All-ReLU, the alternated left ReLU of Curci, Mocanu and Pechenizkiy, "Truly Sparse Neural Networks at Scale" (2021):
    /// f(z) = z for z &gt; 0; for z ≤ 0, f(z) = −α z on odd hidden layers and α z on even ones (layers counted from 1, so the first hidden layer maps
    /// negative inputs to positive outputs, as the authors' implementation does with slopes −0.6, 0.6, −0.6 on Fashion-MNIST).
    /// </summary>
    AllRelu,

    /// <summary>Logistic sigmoid: f(z) = 1 / (1 + e^−z) (QuickSelection's hidden layer).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Identity: f(z) = z (linear output of an autoencoder).</summary>
    Identity,
}
