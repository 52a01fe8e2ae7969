import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network, such as `10.0.0.0/8`, `127.0.0.1` or `fd00::/8`, for
/// `serve --trusted-proxy`.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    let network: [UInt8]
    let prefixLength: Int

    /// Parses `address[/prefix]`; nil when it is not an address or the prefix is out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = AddressRange.bytes(String(parts[0])) else { return nil }
        let bits = address.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefix, (0...bits).contains(prefix) else { return nil }
        network = AddressRange.masked(address, prefixLength: prefix)
        prefixLength = prefix
    }

    /// Whether `address` (textual, IPv4, IPv6 or IPv4-mapped IPv6) lies in the range.
    public func contains(_ address: String) -> Bool {
        guard let bytes = AddressRange.bytes(address), bytes.count == network.count else { return false }
        return AddressRange.masked(bytes, prefixLength: prefixLength) == network
    }

    public var description: String { "\(AddressRange.text(network))/\(prefixLength)" }

    /// The address's bytes: 4 for IPv4 (including IPv4-mapped IPv6), 16 for IPv6.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 { return v4 }
        var v6 = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xff && v6[11] == 0xff { return Array(v6[12...]) }
        return v6
    }

    static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let keep = min(8, max(0, prefixLength - index * 8))
            return keep == 8 ? byte : byte & ~(UInt8(0xff) >> keep)
        }
    }

    static func text(_ bytes: [UInt8]) -> String {
        bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : stride(from: 0, to: 16, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }.joined(separator: ":")
    }
}

/// Who a request comes from, for rate limits: the connection's peer, or — only when the peer is
/// a trusted proxy — the right-most address in `X-Forwarded-For` that is not itself a trusted
/// proxy (entries to its left were written by the client and prove nothing).
enum ClientAddress {
    static func resolve(peer: String?, forwardedFor: [String], trustedProxies: [AddressRange]) -> String {
        guard let peer else { return "local" }
        guard trustedProxies.contains(where: { $0.contains(peer) }) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard AddressRange.bytes(hop) != nil else { break }   // malformed: trust nothing further left
            client = hop
            if !trustedProxies.contains(where: { $0.contains(hop) }) { break }
        }
        return client
    }
}
