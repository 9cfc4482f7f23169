//! Integration tests of infostand-reach: the counts of a process killed
//! with SIGKILL, read back by another.

mod crash;
