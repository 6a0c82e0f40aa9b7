// The five homeworks the project turns into experiments: the key an experiment id starts with, the seed text's
// code (000-004, ../shared/seeds) and the course's own name.
namespace Homework.Experiments;

/// <summary>One homework: <c>cs229-w25</c> is seed 000, CS229 Winter 2025 Problem Set 2.</summary>
/// <param name="Key">The first part of its experiments' ids.</param>
/// <param name="Code">The seed text's number, 000 to 004.</param>
/// <param name="Name">The course and assignment.</param>
public sealed record HomeworkInfo(string Key, string Code, string Name)
{
    /// <summary>All five, in seed order.</summary>
    public static readonly IReadOnlyList<HomeworkInfo> All =
    [
        new("cs229-w25", "000", "Stanford CS229 Winter 2025, Problem Set 2"),
        new("cs229-f20", "001", "Stanford CS229 Fall 2020, Problem Set 2"),
        new("wpi-ds541", "002", "WPI DS541 Deep Learning, Homework 2"),
        new("cmu-10417", "003", "CMU 10-417/617, Homework 1"),
        new("tdt4265", "004", "NTNU TDT4265 Computer Vision and Deep Learning, Assignment 1"),
    ];

    /// <summary>The homework of an experiment id <c>&lt;key&gt;/&lt;question&gt;</c>; null when the key is none of the five.</summary>
    public static HomeworkInfo? Of(string experimentId) => All.FirstOrDefault(h => experimentId.StartsWith(h.Key + "/", StringComparison.Ordinal));
}
