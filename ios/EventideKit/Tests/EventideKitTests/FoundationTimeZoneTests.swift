import Foundation
import XCTest
@testable import EventideKit

/// The zone trait must give the core the same offsets the phone's clock shows, across DST.
final class FoundationTimeZoneTests: XCTestCase {
    func testLondonOffsetsFollowSummerTime() throws {
        let zone = FoundationTimeZone(pinnedTo: try XCTUnwrap(TimeZone(identifier: "Europe/London")))
        XCTAssertEqual(zone.offsetSecondsAt(instant: instant("2026-01-15T12:00:00Z")), 0)
        XCTAssertEqual(zone.offsetSecondsAt(instant: instant("2026-07-01T12:00:00Z")), 3600)
        // Clocks go forward at 01:00 UTC on 29 March 2026.
        XCTAssertEqual(zone.offsetSecondsAt(instant: instant("2026-03-29T00:59:59Z")), 0)
        XCTAssertEqual(zone.offsetSecondsAt(instant: instant("2026-03-29T01:00:00Z")), 3600)
        // And back at 01:00 UTC on 25 October 2026.
        XCTAssertEqual(zone.offsetSecondsAt(instant: instant("2026-10-25T00:59:59Z")), 3600)
        XCTAssertEqual(zone.offsetSecondsAt(instant: instant("2026-10-25T01:00:00Z")), 0)
    }

    func testZonesWestOfUtcAndHalfHourZones() throws {
        let newYork = FoundationTimeZone(pinnedTo: try XCTUnwrap(TimeZone(identifier: "America/New_York")))
        XCTAssertEqual(newYork.offsetSecondsAt(instant: instant("2026-01-15T12:00:00Z")), -18000)
        let adelaide = FoundationTimeZone(pinnedTo: try XCTUnwrap(TimeZone(identifier: "Australia/Adelaide")))
        XCTAssertEqual(adelaide.offsetSecondsAt(instant: instant("2026-01-15T12:00:00Z")), 37800)
    }

    func testFollowingThePhoneMatchesTheCurrentZoneAllYear() {
        let zone = FoundationTimeZone()
        var at = instant("2026-01-01T00:00:00Z")
        for _ in 0..<(365 * 4) {
            XCTAssertEqual(Int(zone.offsetSecondsAt(instant: at)), TimeZone.current.secondsFromGMT(for: at))
            at += 6 * 3600
        }
    }

    func testTheCoreShowsThePhoneClockInWinterAndSummer() throws {
        let fixture = try CoreFixture(zone: "Europe/London")
        let winter = try fixture.core.today(now: instant("2026-11-25T14:00:00Z"))
        XCTAssertEqual(winter.now.offsetSeconds, 0)
        XCTAssertEqual(winter.now.localTime, "14:00")
        let summer = try fixture.core.today(now: instant("2026-07-01T14:00:00Z"))
        XCTAssertEqual(summer.now.offsetSeconds, 3600)
        XCTAssertEqual(summer.now.localTime, "15:00")
    }

    func testTheNextChangeIsTheNextDaylightSavingChange() throws {
        let london = FoundationTimeZone(pinnedTo: try XCTUnwrap(TimeZone(identifier: "Europe/London")))
        XCTAssertEqual(london.nextTransitionAfter(instant: instant("2026-01-15T12:00:00Z")), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(london.nextTransitionAfter(instant: instant("2026-03-29T01:00:00Z")), instant("2026-10-25T01:00:00Z"))
        let utc = FoundationTimeZone(pinnedTo: try XCTUnwrap(TimeZone(identifier: "UTC")))
        XCTAssertNil(utc.nextTransitionAfter(instant: instant("2026-01-15T12:00:00Z")))
    }

    func testRemindersKeepTheirWallClockTimeAcrossTheSpringChange() throws {
        let fixture = try CoreFixture(zone: "Europe/London")
        let friday = instant("2026-03-27T12:00:00Z")
        try fixture.seedTitration(now: friday)
        let doses = try fixture.core.desiredNotifications(now: friday, days: 4).filter { $0.kind == .dose }
        let saturday = try XCTUnwrap(doses.first { $0.date == "2026-03-28" })
        let sunday = try XCTUnwrap(doses.first { $0.date == "2026-03-29" })
        // 21:00 on the phone both evenings: 21:00 GMT, then 21:00 BST = 20:00 UTC.
        XCTAssertEqual(saturday.fireAt.localTime, "21:00")
        XCTAssertEqual(sunday.fireAt.localTime, "21:00")
        XCTAssertEqual(saturday.fireAt.at, instant("2026-03-28T21:00:00Z"))
        XCTAssertEqual(sunday.fireAt.at, instant("2026-03-29T20:00:00Z"))
        XCTAssertEqual(sunday.fireAt.offsetSeconds, 3600)
    }
}
