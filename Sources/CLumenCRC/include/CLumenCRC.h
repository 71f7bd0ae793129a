#ifndef CLUMEN_CRC_H
#define CLUMEN_CRC_H

#include <stddef.h>
#include <stdint.h>

/// Which CRC-32C implementation `lumen_crc32c` uses.
typedef enum {
    LUMEN_CRC_AUTO = 0,      ///< hardware when the CPU has it, else the table
    LUMEN_CRC_TABLE = 1,     ///< portable slicing-by-8 tables
    LUMEN_CRC_HARDWARE = 2   ///< SSE4.2 `crc32` instruction (x86-64 only)
} lumen_crc_impl;

/// Extends `crc` (0 to start) with `length` bytes: CRC-32C (Castagnoli, reflected 0x82F63B78).
uint32_t lumen_crc32c(uint32_t crc, const void *data, size_t length);

/// The same with an explicit implementation; LUMEN_CRC_HARDWARE falls back to the table
/// when the CPU lacks the instruction.
uint32_t lumen_crc32c_with(lumen_crc_impl impl, uint32_t crc, const void *data, size_t length);

/// 1 when the hardware path is available on this CPU.
int lumen_crc32c_has_hardware(void);

#endif
