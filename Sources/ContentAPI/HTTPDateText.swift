import HTTP1

/// Calendar arithmetic for `Last-Modified`, on top of HTTP1's IMF-fixdate formatter.
enum HTTPDateText {
    static func format(secondsSince1970 seconds: Int) -> String { HTTPDate.format(secondsSince1970: seconds) }

    /// Seconds since 1970 at 00:00:00 UTC of a proleptic Gregorian date (days-from-civil).
    static func seconds(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400
    }

    /// Parses an IMF-fixdate back to seconds, for If-Modified-Since; nil when malformed.
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        return seconds(year: year, month: month + 1, day: day) + time[0] * 3600 + time[1] * 60 + time[2]
    }
}
