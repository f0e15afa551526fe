using System.Net;
using System.Net.Sockets;

namespace Switchboard.Testing;

/// <summary>Ports on 127.0.0.1 for the servers the tests start: a free one, and whether something answers on one.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on at this moment (also what a test uses as "the server is down").</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
