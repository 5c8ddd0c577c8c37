"""The per-bidang form (formulir elemen data): layout contract and writer."""
