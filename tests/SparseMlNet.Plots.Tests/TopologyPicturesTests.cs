using SparseMlNet.Data;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots.Tests;

public sealed class TopologyPicturesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-topology-pictures-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(PictureFormat.Svg)]
    [InlineData(PictureFormat.Png)]
    public void Write_ImageLayout_DegreesMapsAndEvolutionInTheFormat(PictureFormat format)
    {
        var network = Samples.Network(seed: 11);
        var report = TopologyReport.Compute(network, Samples.Network(seed: 11), [("epoch 0", Samples.Network(seed: 11)), ("epoch 5", network)]);

        IReadOnlyList<string> written = TopologyPictures.Write(report, _folder.FullName, format, "run/model.spmlnet", new ImageShape(6, 6));

        string ext = PictureFormats.Extension(format);
        string[] expected =
        [
            "degree-layer0-out", "degree-layer1-in", "degree-layer1-out", "degree-layer2-in", "input-map", "input-strength", "input-map-evolution",
        ];
        Assert.Equal(expected.Select(e => Path.Combine(_folder.FullName, e + ext)), written);
        foreach (string file in written)
        {
            byte[] bytes = File.ReadAllBytes(file);
            if (format == PictureFormat.Png)
            {
                PictureFiles.PngSize(bytes);
            }
            else
            {
                List<string> texts = PictureFiles.Texts(System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)));
                string title = file.Contains("evolution", StringComparison.Ordinal) ? "Input connectivity during training" : "run/model.spmlnet";
                Assert.Contains(texts, t => t.Contains(title, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Write_Tabular_RanksTheInputsInsteadOfMaps()
    {
        var report = TopologyReport.Compute(Samples.Network(seed: 12));

        IReadOnlyList<string> written = TopologyPictures.Write(report, _folder.FullName, PictureFormat.Svg, "m", featureNames: null, top: 4);

        Assert.Contains(Path.Combine(_folder.FullName, "input-ranking.svg"), written);
        Assert.DoesNotContain(written, w => w.Contains("input-map", StringComparison.Ordinal));
        Assert.Equal(4, PictureFiles.Texts(System.Xml.Linq.XDocument.Load(Path.Combine(_folder.FullName, "input-ranking.svg")))
            .Count(t => t.StartsWith("feature ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Spread_KeepsFirstAndLastEvenlySpaced()
    {
        int[] items = Enumerable.Range(0, 16).ToArray();

        Assert.Equal([0, 3, 6, 9, 12, 15], TopologyPictures.Spread(items, 6));
        Assert.Same(items, TopologyPictures.Spread(items, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopologyPictures.Spread(items, 1));
    }
}
