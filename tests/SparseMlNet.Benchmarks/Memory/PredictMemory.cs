using System.Diagnostics;
using System.Globalization;
using System.Text;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Benchmarks.Memory;

/// <summary>
/// <c>--predict-memory [--rows 250000,1000000]</c>: peak resident memory of <c>sparsemlnet predict</c> on CSV files of growing length.
/// Writes a 64-feature labelled CSV (digits-like values 0..16) of each length and a SET 64-100-10 model to a temporary folder, runs the real
/// CLI in a child process and samples its peak working set (VmHWM) until it exits. Flat figures mean predict streams its input and output.
/// </summary>
internal static class PredictMemory
{
    private const int Features = 64;

    public static void Run(IReadOnlyList<string> args, TextWriter output)
    {
        int[] rows = [250_000, 1_000_000];
        int at = args.ToList().IndexOf("--rows");
        if (at >= 0)
        {
            if (at + 1 >= args.Count)
            {
                throw new ArgumentException("--rows needs a comma-separated list of row counts, such as 250000,1000000.", nameof(args));
            }

            rows = [.. args[at + 1].Split(',').Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new ArgumentException($"--rows: '{v}' is not a positive row count.", nameof(args)))];
        }

        string cli = Path.Combine(AppContext.BaseDirectory, "SparseMlNet.Cli.dll");
        DirectoryInfo folder = Directory.CreateTempSubdirectory("sparsemlnet-predict-memory-");
        try
        {
            string model = Path.Combine(folder.FullName, "model.spmlnet");
            var network = MultilayerPerceptron.Create(NetworkKind.Set, [Features, 100, 10], 10, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, 1);
            ModelSerializer.Save(new ModelBundle(network), model);
            output.WriteLine("| rows | CSV size | predict peak RSS | seconds |");
            output.WriteLine("|---:|---:|---:|---:|");
            foreach (int n in rows)
            {
                string csv = Path.Combine(folder.FullName, $"rows-{n}.csv");
                WriteCsv(csv, n);
                var (peak, seconds) = Measure(cli, model, csv, Path.Combine(folder.FullName, "p.csv"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {new FileInfo(csv).Length / 1e6:F0} MB | {peak / 1e6:F0} MB | {seconds:F1} |"));
                File.Delete(csv);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void WriteCsv(string path, int rows)
    {
        var random = new Random(7);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("label");
        for (int j = 0; j < Features; j++)
        {
            writer.Write(",px");
            writer.Write(j.ToString(CultureInfo.InvariantCulture));
        }

        writer.Write('\n');
        for (int i = 0; i < rows; i++)
        {
            writer.Write((i % 10).ToString(CultureInfo.InvariantCulture));
            for (int j = 0; j < Features; j++)
            {
                writer.Write(',');
                writer.Write(random.Next(17).ToString(CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    private static (long PeakBytes, double Seconds) Measure(string cli, string model, string csv, string predictions)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { cli, "predict", "-m", model, "--csv", csv, "-o", predictions })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break; // exited between the wait and the read
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"predict failed: {stderr.Result}{stdout.Result}");
        }

        return (peak, clock.Elapsed.TotalSeconds);
    }
}
