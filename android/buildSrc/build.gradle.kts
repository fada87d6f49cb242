// Helpers shared by the :app and :shell build scripts (precompiled once by Gradle).
plugins {
    `kotlin-dsl`
}

repositories {
    mavenCentral()
}
