import org.gradle.api.Project
import org.gradle.api.file.FileTree
import java.io.File

/**
 * Every file the Rust core library and its bindings are built from. Declared as the inputs of
 * the tasks that run cargo, so Gradle skips them when none of these changed since the last
 * build (cargo still decides what to rebuild when one did).
 */
fun Project.rustSources(repoRoot: File): FileTree = fileTree(repoRoot) {
    include(
        "Cargo.toml",
        "Cargo.lock",
        ".cargo/config.toml",
        "core/Cargo.toml",
        "core/src/**",
        "bindings/ffi/Cargo.toml",
        "bindings/ffi/uniffi.toml",
        "bindings/ffi/src/**",
        "scripts/build-android.sh",
        "scripts/gen-bindings.sh",
    )
}
