import Foundation
import EventideCore

/// The sentence to show for an error: the core's own wording for its errors (every
/// `EventideError` describes itself for a user), the system's otherwise. Android shows the
/// same sentence (`userMessage` in android/shell).
public enum ErrorText {
    public static func of(_ error: Error) -> String {
        if let core = error as? EventideError {
            return core.description
        }
        return error.localizedDescription
    }

    /// The warnings of a plan the core calls unusual, or nil for any other error.
    public static func warnings(_ error: Error) -> [String]? {
        guard let core = error as? EventideError, case .NeedsConfirmation(let warnings) = core else {
            return nil
        }
        return warnings
    }
}
