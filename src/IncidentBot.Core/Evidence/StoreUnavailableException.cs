namespace IncidentBot.Core.Evidence;

/// <summary>
/// The store could not do what was asked (the file is unreadable, the disk is full or read-only, the database is
/// locked past its wait). Every store port reports storage failures as this type, never as a provider's exception,
/// so callers can tell "try again later" from a bug without knowing which database is behind the port.
/// Nothing was committed when it is thrown from an append.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException() : this("The store is unavailable.") { }

    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string message) : this(message, null) { }
}
