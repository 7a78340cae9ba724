/* Wine 8.0 (Debian 12) has no bcryptprimitives.dll, which Rust's standard library imports on
 * Windows for ProcessPrng (its random numbers: HashMap seeds, temp file names); every Rust
 * program then fails to start under it (status c0000135). This stand-in, put into the Wine
 * prefix by .ci/windows for the tests only, answers ProcessPrng from BCryptGenRandom, which Wine
 * has. Windows 10 and 11 have the real DLL; nothing of this ships. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
