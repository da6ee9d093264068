using System.Globalization;

namespace Hyperparameters;

/// <summary>
/// The diabetes data (Efron et al. 2004, "Least Angle Regression"; 442 patients, 10 baseline variables, a disease
/// progression score) with degree-2 features: the 10 standardised variables plus their 45 pairwise products and 9
/// squares (not the square of the two-valued sex variable, which would duplicate it), each standardised again. Rows 0–220 train, rows 221–441 validate; every standardisation uses training statistics only.
/// With 64 features and 221 training rows, regularisation matters, so the validation loss has an interior minimum.
/// </summary>
internal sealed class DiabetesData
{
    public const int TrainingRows = 221;

    private DiabetesData(double[] x, double[] y, double[] validationX, double[] validationY, int features)
    {
        X = x;
        Y = y;
        ValidationX = validationX;
        ValidationY = validationY;
        Features = features;
    }

    /// <summary>Training features, row-major <see cref="TrainingRows"/> × <see cref="Features"/>.</summary>
    public double[] X { get; }

    public double[] Y { get; }

    public double[] ValidationX { get; }

    public double[] ValidationY { get; }

    public int Features { get; }

    public static DiabetesData Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        int rows = lines.Length - 1;
        const int raw = 10;
        double[,] variables = new double[rows, raw];
        double[] target = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            for (int j = 0; j < raw; j++)
            {
                variables[i, j] = double.Parse(fields[j], CultureInfo.InvariantCulture);
            }

            target[i] = double.Parse(fields[raw], CultureInfo.InvariantCulture);
        }

        Standardise(variables, rows, raw);
        const int sex = 1;
        int features = raw + raw * (raw + 1) / 2 - 1;
        double[,] expanded = new double[rows, features];
        for (int i = 0; i < rows; i++)
        {
            int k = 0;
            for (int a = 0; a < raw; a++)
            {
                expanded[i, k++] = variables[i, a];
            }

            for (int a = 0; a < raw; a++)
            {
                for (int b = a; b < raw; b++)
                {
                    if (a == sex && b == sex)
                    {
                        continue;
                    }

                    expanded[i, k++] = variables[i, a] * variables[i, b];
                }
            }
        }

        Standardise(expanded, rows, features);
        double[,] targetColumn = new double[rows, 1];
        for (int i = 0; i < rows; i++)
        {
            targetColumn[i, 0] = target[i];
        }

        Standardise(targetColumn, rows, 1);
        int validation = rows - TrainingRows;
        double[] x = new double[TrainingRows * features], vx = new double[validation * features];
        double[] y = new double[TrainingRows], vy = new double[validation];
        for (int i = 0; i < rows; i++)
        {
            bool training = i < TrainingRows;
            int row = training ? i : i - TrainingRows;
            for (int j = 0; j < features; j++)
            {
                (training ? x : vx)[row * features + j] = expanded[i, j];
            }

            (training ? y : vy)[row] = targetColumn[i, 0];
        }

        return new DiabetesData(x, y, vx, vy, features);
    }

    /// <summary>Zero mean and unit (population) variance per column, with the training rows' statistics.</summary>
    private static void Standardise(double[,] values, int rows, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            double mean = 0;
            for (int i = 0; i < TrainingRows; i++)
            {
                mean += values[i, j];
            }

            mean /= TrainingRows;
            double variance = 0;
            for (int i = 0; i < TrainingRows; i++)
            {
                variance += (values[i, j] - mean) * (values[i, j] - mean);
            }

            double scale = 1 / Math.Sqrt(variance / TrainingRows);
            for (int i = 0; i < rows; i++)
            {
                values[i, j] = (values[i, j] - mean) * scale;
            }
        }
    }
}
