// The independent witness of cs229-f20/q2-spam: ML.NET's own text featurisation and trainers on the same split, so
// the page can show a second implementation's accuracies beside ours. Never used to produce our numbers.
using Homework.Data;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Homework.Cli.Experiments.Cs229F20;

/// <summary>Accuracy of one ML.NET model on the validation and test parts, and its training time.</summary>
/// <param name="Model">What ML.NET ran.</param>
/// <param name="Validation">Validation accuracy.</param>
/// <param name="Test">Test accuracy.</param>
/// <param name="Seconds">Featurisation, training and scoring.</param>
public sealed record WitnessAccuracy(string Model, double Validation, double Test, double Seconds);

/// <summary>ML.NET 5.0.1 on the spam split: a naive Bayes (Q2(b)'s peer) and SDCA logistic regression (Q2(e)'s peer).</summary>
public static class MlNetSpamWitness
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
    }

    /// <summary>Trains both witnesses on <paramref name="split"/>'s training messages and scores the other two parts.</summary>
    public static IReadOnlyList<WitnessAccuracy> Run(SpamSplit split, int seed)
    {
        var ml = new MLContext(seed);
        IDataView Load(IReadOnlyList<SpamMessage> part) => ml.Data.LoadFromEnumerable(part.Select(m => new Row { Text = m.Text, Label = m.IsSpam }).ToList());
        var (train, validation, test) = (Load(split.Train), Load(split.Validation), Load(split.Test));
        // Word counts of lower-cased unigrams, ML.NET's own tokenizer and vocabulary (every training word).
        TextFeaturizingEstimator Words(TextFeaturizingEstimator.NormFunction norm) => ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = false },
            CharFeatureExtractor = null,
            Norm = norm,
        }, "Text");

        var results = new List<WitnessAccuracy>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bayes = Words(TextFeaturizingEstimator.NormFunction.None)
            .Append(ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label"))
            .Append(ml.MulticlassClassification.Trainers.NaiveBayes("LabelKey", "Features"))
            .Fit(train);
        double BayesAccuracy(IDataView part) => ml.MulticlassClassification.Evaluate(bayes.Transform(part), "LabelKey").MicroAccuracy;
        results.Add(new("ML.NET NaiveBayes (word presence)", BayesAccuracy(validation), BayesAccuracy(test), clock.Elapsed.TotalSeconds));

        clock.Restart();
        var sdca = Words(TextFeaturizingEstimator.NormFunction.L2)
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression("Label", "Features"))
            .Fit(train);
        double SdcaAccuracy(IDataView part) => ml.BinaryClassification.Evaluate(sdca.Transform(part), "Label").Accuracy;
        results.Add(new("ML.NET SDCA logistic regression (L2-normalised word counts)", SdcaAccuracy(validation), SdcaAccuracy(test), clock.Elapsed.TotalSeconds));
        return results;
    }
}
