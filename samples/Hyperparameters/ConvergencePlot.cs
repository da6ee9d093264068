using System.Globalization;
using ScottPlot;

namespace Hyperparameters;

/// <summary>A two-panel PNG: validation loss (top) and the hyperparameter on a log scale (bottom) per outer iteration.</summary>
internal static class ConvergencePlot
{
    public static void Write(string path, params OuterRun[] runs)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Plot loss = multiplot.GetPlot(0), value = multiplot.GetPlot(1);
        foreach (OuterRun run in runs)
        {
            double[] xs = run.History.Select(s => (double)s.Iteration).ToArray();
            var lossLine = loss.Add.ScatterLine(xs, run.History.Select(s => s.Loss).ToArray());
            lossLine.LegendText = run.Name;
            lossLine.LineWidth = 2;
            var valueLine = value.Add.ScatterLine(xs, run.History.Select(s => Math.Log10(s.Value)).ToArray());
            valueLine.LegendText = string.Create(CultureInfo.InvariantCulture, $"{run.Name} {run.Symbol} (final {run.Final.Value:G3})");
            valueLine.LineWidth = 2;
        }

        loss.Axes.Title.Label.Text = "Diabetes, degree-2 features: Adam on implicit hypergradients";
        loss.Axes.Left.Label.Text = "validation loss ½·MSE";
        loss.Axes.Bottom.Label.Text = "outer iteration";
        loss.Legend.Alignment = Alignment.UpperRight;
        value.Axes.Left.Label.Text = "regularisation strength";
        value.Axes.Bottom.Label.Text = "outer iteration";
        value.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = y => string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, y):G2}"),
        };
        value.Legend.Alignment = Alignment.UpperRight;
        multiplot.SavePng(path, 900, 800);
    }
}
