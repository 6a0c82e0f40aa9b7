// The independent witness of cs229-f20/q2-spam: ML.NET's own text featurisation and trainers on the same split, so
// the page can show a second implementation's accuracies beside ours. Never used to produce our numbers.
using Homework.Data;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Homework.Experiments.Cs229F20;

/// <summary>Accuracy of one ML.NET model on the validation and test parts, and its training time.</summary>
/// <param name="Model">What ML.NET ran.</param>
/// <param name="Validation">Validation accuracy.</param>
/// <param name="Test">Test accuracy.</param>
/// <param name="Seconds">Featurisation (shared by both, counted in each), training and scoring.</param>
public sealed record WitnessAccuracy(string Model, double Validation, double Test, double Seconds);

/// <summary>ML.NET 5.0.1 on the spam split: a naive Bayes (Q2(b)'s peer) and SDCA logistic regression (Q2(e)'s peer).</summary>
public static class MlNetSpamWitness
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
    }

    /// <summary>Passes of SDCA over the training set (ML.NET's automatic choice took minutes on the 2-core machine).</summary>
    public const int SdcaIterations = 10;

    /// <summary>Trains both witnesses on <paramref name="split"/>'s training messages and scores the other two parts.</summary>
    public static IReadOnlyList<WitnessAccuracy> Run(SpamSplit split, int seed)
    {
        var ml = new MLContext(seed);
        IDataView Load(IReadOnlyList<SpamMessage> part) => ml.Data.LoadFromEnumerable(part.Select(m => new Row { Text = m.Text, Label = m.IsSpam }).ToList());
        var (train, validation, test) = (Load(split.Train), Load(split.Validation), Load(split.Test));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Word counts of lower-cased unigrams with ML.NET's own tokenizer and vocabulary (every training word), computed
        // once and cached: featurising the long mails is most of ML.NET's time.
        var words = ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = false },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.None,
        }, "Text").Fit(train);
        IDataView Featurize(IDataView part) => ml.Data.Cache(words.Transform(part));
        var (trainWords, validationWords, testWords) = (Featurize(train), Featurize(validation), Featurize(test));
        var featurising = clock.Elapsed.TotalSeconds;

        var results = new List<WitnessAccuracy>();
        clock.Restart();
        var bayes = ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Append(ml.MulticlassClassification.Trainers.NaiveBayes("LabelKey", "Features"))
            .Fit(trainWords);
        double BayesAccuracy(IDataView part) => ml.MulticlassClassification.Evaluate(bayes.Transform(part), "LabelKey").MicroAccuracy;
        results.Add(new("ML.NET NaiveBayes (word presence)", BayesAccuracy(validationWords), BayesAccuracy(testWords), featurising + clock.Elapsed.TotalSeconds));

        clock.Restart();
        var sdca = ml.Transforms.NormalizeLpNorm("Features")
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression("Label", "Features", maximumNumberOfIterations: SdcaIterations))
            .Fit(trainWords);
        double SdcaAccuracy(IDataView part) => ml.BinaryClassification.Evaluate(sdca.Transform(part), "Label").Accuracy;
        results.Add(new($"ML.NET SDCA logistic regression (L2-normalised word counts, {SdcaIterations} passes)", SdcaAccuracy(validationWords), SdcaAccuracy(testWords), featurising + clock.Elapsed.TotalSeconds));
        return results;
    }
}
