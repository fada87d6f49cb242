// The Android application: Compose screens, AlarmManager, notifications and receivers. All
// logic it can share lives in :shell; the Rust core arrives as jniLibs built by
// scripts/build-android.sh (cargo-ndk) whenever the Rust sources change.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

val repoRoot: File = rootDir.parentFile
val rustJniLibs = layout.buildDirectory.dir("rustJniLibs")

android {
    namespace = "app.eventide.android"
    compileSdk = libs.versions.compile.sdk.get().toInt()
    ndkVersion = libs.versions.ndk.get()

    defaultConfig {
        applicationId = "app.eventide"
        minSdk = libs.versions.min.sdk.get().toInt()
        targetSdk = libs.versions.target.sdk.get().toInt()
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    buildFeatures { compose = true }
    sourceSets["main"].jniLibs.srcDir(rustJniLibs)
    packaging {
        // Keep native libraries uncompressed and page aligned inside the APK (16 KB devices).
        jniLibs.useLegacyPackaging = false
    }
}

// Java 17 bytecode from whichever JDK runs Gradle (Android Studio's bundled JDK 21 will do):
// no toolchain to find or download.
kotlin { compilerOptions { jvmTarget.set(JvmTarget.JVM_17) } }

// Cross-compiles the core for every ABI into build/rustJniLibs. Its inputs are the Rust sources
// the library is built from, so Gradle skips it (and the three cargo-ndk builds) when nothing
// there changed. The Kotlin bindings come from :shell, generated once from the host library.
val buildRustCore by tasks.registering(Exec::class) {
    description = "Builds the Rust core for Android (scripts/build-android.sh)"
    workingDir = repoRoot
    commandLine("bash", "scripts/build-android.sh", "--no-bindings", "--jni-out", rustJniLibs.get().asFile.path)
    inputs.files(rustSources(repoRoot)).withPropertyName("rustSources")
    outputs.dir(rustJniLibs)
}
tasks.named("preBuild") { dependsOn(buildRustCore) }

// The finished APKs: zip entries and every native library inside (ours and JNA's) page aligned
// for 16 KB devices. Run after assembling: ./gradlew :app:checkApkAlignment
val checkApkAlignment by tasks.registering(Exec::class) {
    description = "Checks every built APK with zipalign -c -P 16 and llvm-readelf (scripts/build-android.sh --check-apk)"
    workingDir = repoRoot
    mustRunAfter("assembleDebug", "assembleRelease")
    commandLine("bash", "scripts/build-android.sh", "--check-apk", layout.buildDirectory.dir("outputs/apk").get().asFile.path)
}

dependencies {
    implementation(project(":shell"))
    implementation("net.java.dev.jna:jna:${libs.versions.jna.get()}@aar")
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.material3)
    implementation(libs.compose.material.icons)
    implementation(libs.compose.ui.tooling.preview)
    debugImplementation(libs.compose.ui.tooling)
}
