//! Answering core: the town file, understanding spoken French, time-aware answers for the ear.
