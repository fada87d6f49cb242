// Plain Kotlin (no Android imports): reconciliation, screen state, action routing and the
// java.time DeviceZone, compiled together with the uniffi bindings generated from the Rust
// core. `./gradlew :shell:check` runs its tests on the JVM against the host build of the core
// (CI runs the same tests with kotlinc: scripts/suites/android-shell.sh).
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    alias(libs.plugins.kotlin.jvm)
}

val repoRoot: File = rootDir.parentFile
val cargoTarget: File = System.getenv("CARGO_TARGET_DIR")?.let(::File) ?: repoRoot.resolve("target")
val bindingsDir: File = cargoTarget.resolve("bindings/kotlin")

// Java 17 bytecode from whichever JDK runs Gradle: no toolchain to find or download.
java {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
}
kotlin {
    compilerOptions { jvmTarget.set(JvmTarget.JVM_17) }
    sourceSets["main"].kotlin.srcDir(bindingsDir)
}

// Builds the host library and writes the Kotlin bindings from it; skipped by Gradle when no
// Rust source changed since the last run.
val generateBindings by tasks.registering(Exec::class) {
    description = "Generates the uniffi Kotlin bindings (scripts/gen-bindings.sh)"
    workingDir = repoRoot
    commandLine("bash", "scripts/gen-bindings.sh")
    inputs.files(rustSources(repoRoot)).withPropertyName("rustSources")
    outputs.dir(bindingsDir)
}
tasks.named("compileKotlin") { dependsOn(generateBindings) }

dependencies {
    // On Android the app supplies JNA as an AAR; here it is only needed to compile and test.
    compileOnly(libs.jna)
    testImplementation(libs.jna)
    testImplementation(kotlin("test"))
}

// The tests are plain functions run by one main (the same runner the kotlinc suite uses).
val jvmTest by tasks.registering(JavaExec::class) {
    description = "Runs the shell tests on the JVM against the host build of the core"
    classpath = sourceSets["test"].runtimeClasspath
    mainClass.set("app.eventide.shell.HarnessKt")
    systemProperty("jna.library.path", cargoTarget.resolve("debug").path)
}
tasks.named("check") { dependsOn(jvmTest) }
