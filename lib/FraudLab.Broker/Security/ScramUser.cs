using System.Text.Json;

namespace FraudLab.Broker;

/// <summary>One SCRAM user the broker accepts (for SCRAM-SHA-512 and SCRAM-SHA-256 alike).</summary>
public sealed record ScramUser(string Name, string Password)
{
    /// <summary>
    /// Reads users from a JSON file: one object <c>{"username": "...", "password": "..."}</c> (the shape of an
    /// MSK SCRAM secret) or an array of them. Throws <see cref="InvalidDataException"/> naming the file and the problem.
    /// </summary>
    public static IReadOnlyList<ScramUser> ReadFile(string path)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"SCRAM users file '{path}' is not JSON: {e.Message}"); }
        catch (IOException e) { throw new InvalidDataException($"SCRAM users file '{path}' cannot be read: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var users = new List<ScramUser>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                string? Field(string name) =>
                    item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var name = Field("username");
                var password = Field("password");
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
                    throw new InvalidDataException($"SCRAM users file '{path}': entry {i} needs string fields \"username\" and \"password\"");
                users.Add(new ScramUser(name, password));
            }
            return users;
        }
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"ScramUser {{ Name = {Name} }}";
}
