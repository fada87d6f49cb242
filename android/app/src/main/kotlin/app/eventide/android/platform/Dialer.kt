package app.eventide.android.platform

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri

/**
 * Opens the phone's dialler with a number the core gave (a "get help now" suggestion's call
 * button). ACTION_DIAL only fills in the number: the user starts the call, no CALL_PHONE
 * permission is needed, and emergency numbers work (ACTION_CALL cannot dial them).
 */
object Dialer {
    fun intent(number: String): Intent = Intent(Intent.ACTION_DIAL, Uri.parse("tel:$number"))

    /** False when the device has no dialler (a tablet): the number is on screen to call another way. */
    fun open(context: Context, number: String): Boolean = try {
        context.startActivity(intent(number).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
        true
    } catch (e: ActivityNotFoundException) {
        false
    }
}
