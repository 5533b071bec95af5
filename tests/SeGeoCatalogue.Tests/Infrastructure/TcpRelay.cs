using System.Net;
using System.Net.Sockets;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>A loopback TCP relay in front of PostgreSQL that a test can cut and restore, to play a database outage.</summary>
public sealed class TcpRelay(string targetHost, int targetPort) : IAsyncDisposable
{
    TcpListener? _listener;
    CancellationTokenSource _cut = new();
    public int Port { get; private set; }

    public void Open()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop(_listener, _cut.Token);
    }

    /// <summary>Stops accepting and drops every relayed connection.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
    }

    async Task AcceptLoop(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(cut); }
            catch (Exception) { return; }
            _ = Relay(client, cut);
        }
    }

    async Task Relay(TcpClient client, CancellationToken cut)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(targetHost, targetPort, cut);
                await using var a = client.GetStream();
                await using var b = server.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, cut), b.CopyToAsync(a, cut));
            }
            catch (Exception)
            {
                // A cut or a closed peer ends the relay.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
