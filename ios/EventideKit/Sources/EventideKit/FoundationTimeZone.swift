import Foundation
import EventideCore

/// The core's `DeviceZone` answered by Foundation's own zone rules, so the phone's time zone
/// database (kept current by iOS updates) decides every UTC offset; the core bundles none.
///
/// Sendable (Swift 6): a final class whose only state is an immutable `TimeZone?`.
/// Mirrors `JavaTimeZone` (java.time) in android/shell.
public final class FoundationTimeZone: DeviceZone {
    private let pinned: TimeZone?

    /// Follows the phone: reads `TimeZone.current` at every call. After the system zone
    /// changes, call `NSTimeZone.resetSystemTimeZone()` first so `current` is the new zone.
    public init() {
        pinned = nil
    }

    /// Always answers for `zone` (tests and previews).
    public init(pinnedTo zone: TimeZone) {
        pinned = zone
    }

    /// Seconds east of UTC in force at `instant`, e.g. 3600 in London in summer.
    public func offsetSecondsAt(instant: Date) -> Int32 {
        Int32(clamping: zone.secondsFromGMT(for: instant))
    }

    /// The next instant after `instant` when the offset changes (the next daylight-saving
    /// change), or nil for a zone without changes ahead. The core asks once per span instead
    /// of once per instant.
    public func nextTransitionAfter(instant: Date) -> Date? {
        zone.nextDaylightSavingTimeTransition(after: instant)
    }

    private var zone: TimeZone {
        pinned ?? TimeZone.current
    }
}
