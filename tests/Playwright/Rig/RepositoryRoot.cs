namespace Switchboard.BrowserTests.Rig;

internal static class RepositoryRoot
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

        throw new InvalidOperationException("Run the browser tests from inside the Switchboard repository.");
    }
}
