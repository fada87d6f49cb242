// The Android application: Compose screens, AlarmManager, notifications and receivers. All
// logic it can share lives in :shell; the Rust core arrives as jniLibs built by
// scripts/build-android.sh (cargo-ndk), which this build runs before every build.
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

kotlin { jvmToolchain(17) }

// Cross-compiles the core for every ABI into build/rustJniLibs and regenerates the bindings.
val buildRustCore by tasks.registering(Exec::class) {
    description = "Builds the Rust core for Android (scripts/build-android.sh)"
    workingDir = repoRoot
    commandLine("bash", "scripts/build-android.sh", "--jni-out", rustJniLibs.get().asFile.path)
    outputs.dir(rustJniLibs)
    outputs.upToDateWhen { false }
}
tasks.named("preBuild") { dependsOn(buildRustCore) }

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
