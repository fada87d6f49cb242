import Foundation

/// The core speaks calendar dates as "YYYY-MM-DD" and clock times as "HH:MM"; these helpers
/// turn them into what people read (in their own language) and back, without any rules.
/// Mirrors `Dates` in android/shell.
public enum CoreDates {
    /// A Gregorian calendar in UTC: a date string names a day, not an instant, so parsing and
    /// printing it must not depend on the phone's zone.
    private static var dayCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    /// The day "YYYY-MM-DD" names, as midnight UTC; nil when the text is not such a date.
    public static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = dayCalendar.date(from: components),
              dayCalendar.component(.day, from: date) == day,
              dayCalendar.component(.month, from: date) == month
        else { return nil }
        return date
    }

    /// "2026-11-25" as the reader's short weekday and date ("Wed 25 Nov" in English);
    /// the text itself when it is not a date.
    public static func display(day text: String, locale: Locale = .current) -> String {
        guard let date = day(text) else { return text }
        let formatter = DateFormatter()
        formatter.calendar = dayCalendar
        formatter.timeZone = dayCalendar.timeZone
        formatter.locale = locale
        formatter.setLocalizedDateFormatFromTemplate("EEEdMMM")
        return formatter.string(from: date)
    }

    /// The "YYYY-MM-DD" of the calendar day `date` falls on in `zone` (a date picker's answer).
    public static func dayString(_ date: Date, in zone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// "21:30" as (hour, minute); nil when it is not a 24-hour clock time.
    public static func clock(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return (hour, minute)
    }

    /// (hour, minute) as the core's "HH:MM".
    public static func clockString(hour: Int, minute: Int) -> String {
        String(format: "%02d:%02d", hour, minute)
    }
}
