// swift-tools-version:5.9
// EventideKit: the shell logic of the iOS app in plain Foundation (reconciliation, action
// routing, view-state mapping, the zone trait), on top of EventideCore, the Swift bindings
// generated from the Rust core. Its few pieces of UserNotifications glue sit behind
// `#if canImport(UserNotifications)`, so a Swift toolchain on Linux builds and tests it
// (ios/scripts/check_project.py checks that).
//
// Two ways to build it:
// - The app (Xcode): EventideCoreFFI is the XCFramework made by scripts/build-ios.sh.
// - Tests on this computer (scripts/suites/ios.sh): with EVENTIDE_FFI_HOST=1 the same
//   module is a system library over the host build of the core (libeventide_ffi.so /
//   .dylib), so `swift test` runs against the real core on Linux or macOS.
// In both cases Sources/EventideCore holds the generated EventideCore.swift, copied in by
// the scripts (never committed).
import Foundation
import PackageDescription

let hostBuild = ProcessInfo.processInfo.environment["EVENTIDE_FFI_HOST"] == "1"

let ffi: Target = hostBuild
    ? .systemLibrary(name: "EventideCoreFFI", path: "HostFFI")
    : .binaryTarget(name: "EventideCoreFFI", path: "Frameworks/EventideCoreFFI.xcframework")

let package = Package(
    name: "EventideKit",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "EventideKit", targets: ["EventideKit"]),
    ],
    targets: [
        ffi,
        .target(
            name: "EventideCore",
            dependencies: ["EventideCoreFFI"],
            path: "Sources/EventideCore"
        ),
        .target(
            name: "EventideKit",
            dependencies: ["EventideCore"],
            path: "Sources/EventideKit",
            swiftSettings: [.enableExperimentalFeature("StrictConcurrency")]
        ),
        .testTarget(
            name: "EventideKitTests",
            dependencies: ["EventideKit"],
            path: "Tests/EventideKitTests"
        ),
    ]
)
