#include "HeapReuse.h"

#include <malloc.h>

namespace mammo::ai {

void keepFreedMemoryForReuse()
{
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);   // int-sized: 1 GiB above the peak before any trim
}

} // namespace mammo::ai
