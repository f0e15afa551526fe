namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Proves that the data folder accepts a write: creates it if needed, then writes, flushes to disk and deletes a small
/// file. Catches a read-only mount, a file where the folder should be, missing permissions and a full disk alike.
/// </summary>
internal static class DataFolderProbe
{
    private const string ProbeFileName = ".write-probe";
    private static readonly byte[] Content = new byte[4096];
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <returns>Null when the write succeeded, else why it failed (one line).</returns>
    public static async Task<string?> TryWriteAsync(string folder, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, ProbeFileName);
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(Content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Delete(path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
