namespace Switchboard.IntegrationTests;

/// <summary>The checkout the tests run from (the folder holding <c>Switchboard.slnx</c>).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Switchboard.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
