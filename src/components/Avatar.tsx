import Image from "next/image";

// Eight identicons in public/avatars, picked by user id: a stable visual marker for each
// author until people can upload their own. Always sized, so the layout never shifts.
const AVATAR_COUNT = 8;

interface AvatarProps {
  userId: number;
  /** Rendered width and height in CSS pixels. */
  size: number;
  /** Above the fold: fetch it early instead of lazily. */
  preload?: boolean;
}

export function Avatar({ userId, size, preload = false }: AvatarProps) {
  return (
    <Image
      // The name is always printed beside it, so the picture adds nothing for a screen reader.
      alt=""
      src={`/avatars/${userId % AVATAR_COUNT}.png`}
      width={size}
      height={size}
      sizes={`${size}px`}
      preload={preload}
      loading={preload ? undefined : "lazy"}
      className="avatar"
    />
  );
}
